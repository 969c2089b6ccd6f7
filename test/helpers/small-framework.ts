/**
 * A small framework's criteria for the layout tests: 1.1 and 1.2 (Assessment), 2.1 and 2.2
 * (Risk), 4.1 (Resettlement), each applying to every case; their Cases headers are "ID Title".
 */
import type { Criterion } from "../../src/core";

export function smallCriteria(): Criterion[] {
  return [
    { id: "1.1", section: "1", title: "Assessed well", subject: "assessment", appliesTo: "all" },
    { id: "1.2", section: "1", title: "Planned well", subject: "planning", appliesTo: "all" },
    { id: "2.1", section: "2", title: "Risk assessed", subject: "risk assessment", appliesTo: "all" },
    { id: "2.2", section: "2", title: "Risk managed", subject: "risk management", appliesTo: "all" },
    { id: "4.1", section: "4", title: "Resettled", subject: "resettlement", appliesTo: "all" },
  ];
}
