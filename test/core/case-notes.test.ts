import { analyseWorkbook, evidenceNote, readCaseNotes, selectFindings, type CaseNotes, type CellValue } from "../../src/core";
import { makeGrid, standardHeader, validRow } from "../helpers/grids";

const notes = (general: string | null, bySection: [string, string][] = [], byCriterion: [string, string][] = []): CaseNotes => ({
  general,
  bySection: new Map(bySection),
  byCriterion: new Map(byCriterion),
});

describe("a case's notes", () => {
  it("are the text of its non-blank notes cells", () => {
    const columns = { general: 0, bySection: new Map([["1", 1], ["2", 2]]), byCriterion: new Map([["2.1", 3], ["1.1", 4]]) };
    const read = readCaseNotes(["General", "  ", 42, "=not a formula", null], columns);
    expect(read.general).toBe("General");
    expect([...read.bySection]).toEqual([["2", "42"]]);
    expect([...read.byCriterion]).toEqual([["2.1", "=not a formula"]]);
    expect(readCaseNotes([null], columns).general).toBeNull();
    expect(readCaseNotes(["x"], { general: null, bySection: new Map(), byCriterion: new Map() })).toEqual(notes(null));
  });

  it("give as evidence the criterion's note, else the section's, else the general one", () => {
    const criterion = { id: "2.1", section: "2" };
    expect(evidenceNote(notes("general", [["2", "section"]], [["2.1", "criterion"]]), criterion)).toBe("criterion");
    expect(evidenceNote(notes("general", [["2", "section"]], [["2.2", "other criterion"]]), criterion)).toBe("section");
    expect(evidenceNote(notes("general", [["1", "other section"]]), criterion)).toBe("general");
    expect(evidenceNote(notes(null, [["1", "other section"]], [["2.2", "other criterion"]]), criterion)).toBeUndefined();
  });

  it("for a criterion in a section inside another, come from the nearest section that has a note", () => {
    const criterion = { id: "2.1.3", section: "2.1" };
    expect(evidenceNote(notes("general", [["2", "domain"], ["2.1", "standard"]]), criterion)).toBe("standard");
    expect(evidenceNote(notes("general", [["2", "domain"], ["2.2", "other standard"]]), criterion)).toBe("domain");
    expect(evidenceNote(notes("general", [["1", "other domain"]], [["2.1.3", "criterion"]]), criterion)).toBe("criterion");
  });
});

describe("evidence in the findings", () => {
  /** Eight cases, 2.1 judged No in all (an improvement), with the notes columns given. */
  function findings(noteHeaders: string[], noteCells: (i: number) => CellValue[]) {
    const rows = Array.from({ length: 8 }, (_, k) => [...validRow(`C0${k + 1}`, "Community", "No", { "2.1": "No" }), ...noteCells(k + 1)]);
    const a = analyseWorkbook({ cases: makeGrid([[...standardHeader(), ...noteHeaders], ...rows]) });
    return selectFindings(a).improvements.find((f) => f.criterion.id === "2.1")!;
  }

  it("come from a general Notes column when there is no section or criterion note", () => {
    const f = findings(["Notes", "1 Notes"], (i) => [i % 2 ? `General note ${i}` : null, `Section 1 note ${i}`]);
    expect(f.evidence).toEqual([1, 3, 5, 7].map((i) => ({ label: `C0${i}`, source: "general", note: `General note ${i}` })));
    expect(f.evidenceTotal).toBe(4);
  });

  it("come from a criterion's own notes column, any case and spacing, before its section's", () => {
    const f = findings(["2 Notes", "2.1  NOTES", "2.2 notes"], (i) => [`Section 2 note ${i}`, i <= 2 ? `Risk note ${i}` : null, `Review note ${i}`]);
    expect(f.evidence.map((e) => e.note)).toEqual(["Risk note 1", "Risk note 2", ...[3, 4, 5, 6, 7, 8].map((i) => `Section 2 note ${i}`)]);
  });
});
