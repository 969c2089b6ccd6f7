/**
 * "Check a draft": the text of a drafted report, pasted or opened from a file, checked against the
 * open workbook's counts. The verdicts are listed disagreements first (with the workbook's figure
 * and the wording the report would use), then what could not be tied to a criterion, then the
 * agreements, folded. Everything from the draft is shown as text; nothing is uploaded. The checker
 * is loaded on the first check and the Word reader (the zip reader and mammoth) only when a Word
 * document is opened, so the pane's first download inside Excel carries neither.
 */
import { describeActual, describeStated, type Analysis, type DraftParagraph, type DraftStatement } from "../core";
import { append, h, plural, replace, userError } from "./dom";

/** A draft read into paragraphs, with its name for the user and anything said about reading it. */
export interface DraftSource {
  /** "the pasted text" or the file's name. */
  readonly name: string;
  readonly paragraphs: readonly DraftParagraph[];
  readonly notices: readonly string[];
}

/** What the pane's alert says after a check. */
export interface DraftOutcome {
  readonly kind: "error" | "success" | "info";
  readonly text: string;
  readonly details: readonly string[];
}

export interface DraftViewOptions {
  /** Runs a check of the draft `read` gives: the app reads the workbook, then calls {@link DraftView.show}. */
  readonly check: (read: () => Promise<DraftSource>) => void;
  /** How many statements a group lists before "Showing the first …". */
  readonly pageSize?: number;
}

export interface DraftView {
  /** Enables the Check button and the file chooser (a workbook is open, nothing else is running). */
  enable(on: boolean): void;
  /** Checks a draft against an analysis, draws the verdicts and returns what the alert should say. */
  show(draft: DraftSource, a: Analysis): Promise<DraftOutcome>;
  /** Forgets the last check (another workbook was opened). */
  reset(): void;
}

/** Sentences longer than this are shown cut, with an ellipsis: enough to find them in the draft. */
const SHOWN_CHARACTERS = 400;

/** What kind of draft a file name says it is; anything else is read as a Word document and refused with its reason. */
function draftKind(name: string): "docx" | "txt" | "md" {
  if (/\.(txt|text)$/i.test(name)) return "txt";
  if (/\.(md|markdown)$/i.test(name)) return "md";
  return "docx";
}

const UNAVAILABLE = "Part of the add-in (the draft checker) could not be loaded from its server. Check the connection and try again.";

/** Loads a part of the pane kept out of its first download; a failure to load it is said in one line. */
function load<T>(chunk: () => Promise<T>): Promise<T> {
  return chunk().catch(() => {
    throw userError(UNAVAILABLE);
  });
}

const loadChecker = (): Promise<typeof import("../core/draft")> => load(() => import(/* webpackChunkName: "draft-check" */ "../core/draft"));

/**
 * The paragraphs of pasted text.
 * @example const draft = await readPastedText("- 2.1. In 8 out of 19 relevant cases…");
 */
export async function readPastedText(text: string): Promise<DraftSource> {
  if (text.trim() === "") throw userError("Paste the draft's text into the box first, or open the draft's file.");
  const { splitDraftText } = await loadChecker();
  return { name: "the pasted text", paragraphs: splitDraftText(text), notices: [] };
}

/**
 * Reads a draft file the user opened, in the page. The reader is a chunk of its own, loaded now;
 * a Word document also loads the zip reader and mammoth. A file that cannot be used is one line.
 * @example const draft = await readDraftFile(input.files[0]);
 */
export async function readDraftFile(file: File): Promise<DraftSource> {
  const reader = await load(() => import(/* webpackChunkName: "draft-reader" */ "../docx/read-draft"));
  const limit = reader.DEFAULT_DRAFT_LIMITS.maxFileBytes;
  // Said before the file is read into memory, in the words the reader uses.
  if (file.size > limit) throw userError(`${file.name} cannot be used: The file is ${reader.megabytes(file.size)}, larger than the ${reader.megabytes(limit)} this tool reads.`);
  try {
    const read = await reader.readDraft(new Uint8Array(await file.arrayBuffer()), draftKind(file.name));
    return { name: file.name, paragraphs: read.paragraphs, notices: read.notices };
  } catch (e) {
    if (e instanceof reader.UnusableDraftError) throw userError(`${file.name} cannot be used: ${e.message}`);
    if (e instanceof Error && e.name === "ChunkLoadError") throw userError(UNAVAILABLE);
    throw e;
  }
}

/** A sentence as shown: on one line, cut when very long. */
function shown(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > SHOWN_CHARACTERS ? `${line.slice(0, SHOWN_CHARACTERS)}…` : line;
}

/** "Paragraph 3 · 2.1 Initial assessment of risk of harm to others". */
function where(s: DraftStatement, a: Analysis): string {
  const paragraph = `Paragraph ${s.paragraph.toLocaleString("en-GB")}`;
  if (s.tiedBy === "sample") return `${paragraph} · the number of ${s.counted === "interviews" ? "people interviewed" : "cases examined"}`;
  if (s.criterionId === null) return s.actual ? `${paragraph} · its section as a whole` : paragraph;
  const list = s.counted === "interviews" ? a.framework.interviewQuestions : a.framework.criteria;
  const title = list.find((c) => c.id === s.criterionId)?.title;
  return `${paragraph} · ${s.counted === "interviews" ? "interview question " : ""}${s.criterionId}${title ? ` ${title}` : ""}`;
}

function fact(term: string, value: string, className = ""): HTMLElement[] {
  return [h("dt", {}, term), h("dd", { class: className }, value)];
}

function statementItem(s: DraftStatement, a: Analysis): HTMLElement {
  const facts =
    s.verdict === "disagrees"
      ? [
          ...fact("The draft says", describeStated(s).replace(/"([^"]*)"/, "“$1”")),
          ...fact("The workbook has", describeActual(s), "correct"),
          ...(s.productPhrase ? fact("The report would say", s.productPhrase) : []),
          ...(s.suggestion ? fact("Suggested wording", s.suggestion, "suggestion") : []),
        ]
      : s.verdict === "unmatched"
        ? fact("Read as", `“${s.stated.phrase ?? ""}”: ${s.means}`)
        : [...fact("Read as", `“${s.stated.phrase ?? ""}”: ${s.means}`), ...fact("The workbook has", describeActual(s))];
  return h(
    "li",
    { class: `statement ${s.verdict}`, "data-paragraph": s.paragraph, "data-criterion": s.criterionId ?? "" },
    h("p", { class: "statement-where" }, where(s, a)),
    h("blockquote", { class: "statement-text" }, shown(s.text)),
    h("dl", { class: "statement-facts" }, ...facts),
  );
}

/**
 * Creates the "Check a draft" panel in `panel`.
 * @example const view = createDraftView(panel, { check: (read) => void run(() => checkWith(read)) });
 */
export function createDraftView(panel: HTMLElement, options: DraftViewOptions): DraftView {
  const pageSize = options.pageSize ?? 200;
  const text = h("textarea", { id: "draft-text", rows: 6, spellcheck: "false", "aria-describedby": "draft-hint" }) as HTMLTextAreaElement;
  const checkButton = h(
    "fluent-button",
    {
      id: "check-draft",
      onclick: () => {
        if (checkButton.hasAttribute("disabled")) return;
        const pasted = text.value;
        options.check(() => readPastedText(pasted));
      },
    },
    "Check the text",
  );
  const file = h("input", {
    id: "draft-file",
    type: "file",
    accept: ".docx,.txt,.md,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain,text/markdown",
    "aria-describedby": "draft-hint",
    onchange: () => {
      const chosen = file.files?.[0];
      // Cleared at once, so choosing the same file again (after editing it) checks it again.
      file.value = "";
      if (chosen) options.check(() => readDraftFile(chosen));
    },
  }) as HTMLInputElement;
  const results = h("div", { id: "draft-results" });

  replace(
    panel,
    h("h2", { id: "draft-heading" }, "Check a draft"),
    h(
      "p",
      { class: "hint", id: "draft-hint" },
      "Paste a drafted report, or open it (Word .docx, .txt or .md): every count and proportion in it is checked against this workbook's figures. The draft is read here and never uploaded.",
    ),
    h("div", { class: "field" }, h("label", { for: "draft-text" }, "Draft text"), text),
    h("div", { class: "draft-actions" }, checkButton),
    h("div", { class: "field" }, h("label", { for: "draft-file" }, "Or open the draft (.docx, .txt, .md)"), file),
    results,
  );

  /** A group of statements: a list, the first `pageSize` of them. */
  function list(items: readonly DraftStatement[], a: Analysis): (HTMLElement | null)[] {
    const first = items.slice(0, pageSize);
    return [
      h("ol", { class: "statement-list" }, ...first.map((s) => statementItem(s, a))),
      items.length > first.length ? h("p", { class: "more" }, `Showing the first ${first.length} of ${items.length.toLocaleString("en-GB")}.`) : null,
    ];
  }

  function draw(draft: DraftSource, statements: readonly DraftStatement[], a: Analysis): void {
    const of = (v: DraftStatement["verdict"]): DraftStatement[] => statements.filter((s) => s.verdict === v);
    const [disagrees, unmatched, agrees] = [of("disagrees"), of("unmatched"), of("agrees")];
    const agreesGroup = h("details", { class: "draft-agrees" }, h("summary", {}, `Agrees with the workbook (${agrees.length.toLocaleString("en-GB")})`)) as HTMLDetailsElement;
    // Agreements are listed when the group is opened, so a long draft stays quick.
    agreesGroup.addEventListener("toggle", () => {
      if (agreesGroup.open && !agreesGroup.querySelector("ol")) append(agreesGroup, list(agrees, a));
    });
    replace(
      results,
      h("h3", { id: "draft-results-heading", tabindex: -1 }, `Checked: ${draft.name}`),
      h(
        "p",
        { class: "draft-counts", id: "draft-counts" },
        statements.length === 0
          ? "No counts or proportions of cases were found in the draft."
          : `${plural(statements.length, "quantity statement")}: ${disagrees.length.toLocaleString("en-GB")} ${disagrees.length === 1 ? "disagrees" : "disagree"}, ${unmatched.length.toLocaleString("en-GB")} unmatched, ${agrees.length.toLocaleString("en-GB")} ${agrees.length === 1 ? "agrees" : "agree"}.`,
      ),
      disagrees.length > 0
        ? h("section", { class: "verdict-group disagrees", "aria-labelledby": "draft-disagrees" }, h("h4", { id: "draft-disagrees" }, `Disagrees with the workbook (${disagrees.length.toLocaleString("en-GB")})`), ...list(disagrees, a))
        : null,
      unmatched.length > 0
        ? h(
            "section",
            { class: "verdict-group unmatched", "aria-labelledby": "draft-unmatched" },
            h("h4", { id: "draft-unmatched" }, `Unmatched: not tied to a criterion, so not checked (${unmatched.length.toLocaleString("en-GB")})`),
            ...list(unmatched, a),
          )
        : null,
      agrees.length > 0 ? agreesGroup : null,
    );
  }

  return {
    enable(on) {
      checkButton.toggleAttribute("disabled", !on);
      file.disabled = !on;
    },
    async show(draft, a) {
      const { checkDraft } = await loadChecker();
      const check = checkDraft(draft.paragraphs, a);
      draw(draft, check.statements, a);
      results.querySelector<HTMLElement>("#draft-results-heading")?.focus();
      const details = [
        ...draft.notices,
        ...(a.errors > 0 ? [`The workbook has ${plural(a.errors, "error")}; cells with errors are left out of the counts (Check cases lists them).`] : []),
      ];
      if (check.statements.length === 0) return { kind: "info", text: `No counts or proportions of cases were found in ${draft.name}.`, details };
      const others = `${check.unmatched.toLocaleString("en-GB")} unmatched, ${check.agrees.toLocaleString("en-GB")} ${check.agrees === 1 ? "agrees" : "agree"}`;
      return check.disagrees > 0
        ? { kind: "error", text: `${plural(check.disagrees, "statement")} in ${draft.name} ${check.disagrees === 1 ? "disagrees" : "disagree"} with the workbook's counts (${others}): see Check a draft.`, details }
        : { kind: "success", text: `Nothing in ${draft.name} disagrees with the workbook's counts: ${plural(check.statements.length, "quantity statement")}, ${others}.`, details };
    },
    reset() {
      replace(results);
    },
  };
}
