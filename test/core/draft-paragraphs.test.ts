/**
 * A draft read as paragraphs and sentences: a statement must be read with its subject (the
 * criterion number or heading it sits under), and never run into the next paragraph.
 */
import { normaliseSentence, paragraphsOf, splitDraftText, splitSentences } from "../../src/core";

const texts = (draft: string): string[] => splitDraftText(draft).map((p) => p.text);

describe("splitting a plain-text draft into paragraphs", () => {
  it("a byte-order mark does not hide the first paragraph's criterion number", () => {
    const [p] = splitDraftText("\uFEFF2.1. In 8 out of 19 cases it was done well.");
    expect(p!.leadingId).toBe("2.1");
    expect(p!.body).toBe("In 8 out of 19 cases it was done well.");
    // A mark inside the text is left alone: only the file's own mark is dropped.
    expect(splitDraftText("Done \uFEFFwell.")[0]!.text).toBe("Done \uFEFFwell.");
  });

  it("lines are trimmed and wrapped lines joined with one space", () => {
    expect(texts("   In 8 out of 19 cases the plan   \n   was done well.  ")).toEqual(["In 8 out of 19 cases the plan was done well."]);
  });

  it("a list item, heading or numbered line starts a new paragraph even after an unfinished line", () => {
    const unfinished = "In most cases the assessment considered the risks and the needs of the child and";
    expect(texts(`${unfinished}\n- all but three of the plans were done well.`)).toEqual([unfinished, "all but three of the plans were done well."]);
    expect(texts(`${unfinished}\n## Planning`)).toEqual([unfinished, "Planning"]);
    expect(texts(`${unfinished}\n2.1. In 8 out of 19 cases it was not.`)).toEqual([unfinished, "2.1. In 8 out of 19 cases it was not."]);
    expect(texts(`${unfinished}\n12 Planning for the child`)).toEqual([unfinished, "12 Planning for the child"]);
    expect(texts(`${unfinished}\n12  Planning for the child`)).toEqual([unfinished, "12  Planning for the child"]);
    expect(texts(`${unfinished}\n3. Delivery of the plan`)).toEqual([unfinished, "Delivery of the plan"]); // a numbered list item: its marker dropped
  });

  it("a line that only looks like those is joined to the sentence it continues", () => {
    const unfinished = "In most cases the assessment considered the risks and the needs of the child and";
    expect(texts(`${unfinished}\n#not a heading.`)).toEqual([`${unfinished} #not a heading.`]);
    expect(texts(`${unfinished}\n12 of them.`)).toEqual([`${unfinished} 12 of them.`]);
    expect(texts(`${unfinished}\n123 Main Street was visited.`)).toEqual([`${unfinished} 123 Main Street was visited.`]);
    expect(texts(`${unfinished}\nin 12 Cases.`)).toEqual([`${unfinished} in 12 Cases.`]);
    expect(texts(`${unfinished}\nitem # 4 was seen.`)).toEqual([`${unfinished} item # 4 was seen.`]);
    expect(texts("the plan # 2 and\nin most cases it was done.")).toEqual(["the plan # 2 and in most cases it was done."]);
    expect(texts("#tag and\nin most cases it was done.")).toEqual(["#tag and in most cases it was done."]);
  });

  it("a line ending a sentence ends its paragraph, even behind closing quotes or emphasis", () => {
    expect(texts("It was done well.\nin most cases.")).toEqual(["It was done well.", "in most cases."]);
    expect(texts('They said "it was done."\nin most cases.')).toEqual(['They said "it was done."', "in most cases."]);
    expect(texts("It was *done well.*\nin most cases.")).toEqual(["It was *done well.*", "in most cases."]);
    expect(texts("It was (done well.)\nin most cases.")).toEqual(["It was (done well.)", "in most cases."]);
    // A full stop inside the line does not end it.
    expect(texts("It was done. In most\ncases it was.")).toEqual(["It was done. In most cases it was."]);
    expect(texts("It was done. In most cases\ncases it was.")).toEqual(["It was done. In most cases cases it was."]);
  });

  it("a marked heading ends its paragraph, and its marks are dropped", () => {
    expect(texts("## Planning\nin most cases it was done.")).toEqual(["Planning", "in most cases it was done."]);
    expect(texts("###### Deep heading")).toEqual(["Deep heading"]);
    expect(texts("#Tag")).toEqual(["#Tag"]);
    expect(texts("##   Spaced heading")).toEqual(["Spaced heading"]);
  });

  it("a short line before a capital is a heading; a long one, or one ending with a comma, is wrapped", () => {
    expect(texts("Planning\nIn most cases it was done.")).toEqual(["Planning", "In most cases it was done."]);
    expect(texts('Planning\n"Quoted" words began it.')).toEqual(["Planning", '"Quoted" words began it.']);
    expect(texts("Planning and\nin most cases it was done.")).toEqual(["Planning and in most cases it was done."]);
    expect(texts("In the assessment,\nIn most cases it was done.")).toEqual(["In the assessment, In most cases it was done."]);
    expect(texts("In the assessment;\nIn most cases it was done.")).toEqual(["In the assessment; In most cases it was done."]);
    expect(texts("Plans, reviews\nIn most cases it was done.")).toEqual(["Plans, reviews", "In most cases it was done."]);
    expect(texts("Planning\nin the YOS it was done.")).toEqual(["Planning in the YOS it was done."]);
    const long59 = "a".repeat(59);
    const long60 = "a".repeat(60);
    expect(texts(`${long59}\nIn most cases.`)).toEqual([long59, "In most cases."]);
    expect(texts(`${long60}\nIn most cases.`)).toEqual([`${long60} In most cases.`]);
  });

  it("a list marker is dropped, then the criterion number is read", () => {
    const [p] = splitDraftText("- 2.1. All but three of the cases were done well.");
    expect(p).toEqual({ number: 1, text: "2.1. All but three of the cases were done well.", marker: "- ", leadingId: "2.1", body: "All but three of the cases were done well." });
  });
});

describe("paragraphs of a Word document", () => {
  it("runs of white space are one space, empty paragraphs dropped, numbers from 1", () => {
    const ps = paragraphsOf(["Summary", "   ", "2.1.  In 8\tout of\n19 cases."]);
    expect(ps.map((p) => p.text)).toEqual(["Summary", "2.1. In 8 out of 19 cases."]);
    expect(ps.map((p) => p.number)).toEqual([1, 2]);
    expect(ps[1]!.body).toBe("In 8 out of 19 cases.");
  });
});

describe("splitting a paragraph into sentences", () => {
  it("splits at a full stop before a capital or number, keeping closing quotes with the sentence", () => {
    expect(splitSentences("It was done.  In 8 out of 19 cases it was not.")).toEqual(["It was done.", "In 8 out of 19 cases it was not."]);
    expect(splitSentences('It was "done." "Most" were.')).toEqual(['It was "done."', '"Most" were.']);
    expect(splitSentences("It was done. in most cases.")).toEqual(["It was done. in most cases."]);
  });

  it("does not split after an abbreviation or a criterion number", () => {
    expect(splitSentences("See e.g. The plan was done.")).toEqual(["See e.g. The plan was done."]);
    expect(splitSentences("Under 2.1. In 8 cases it was.")).toEqual(["Under 2.1. In 8 cases it was."]);
    expect(splitSentences("Under 12.10. In 8 cases it was.")).toEqual(["Under 12.10. In 8 cases it was."]);
    expect(splitSentences("Dr. Smith saw it.")).toEqual(["Dr. Smith saw it."]);
    // "no." at the very start of a paragraph, and a word merely ending in "no", "dr" or a number.
    expect(splitSentences("No. Twelve cases.")).toEqual(["No. Twelve cases."]);
    expect(splitSentences("It was a piano. Twelve cases.")).toEqual(["It was a piano.", "Twelve cases."]);
    expect(splitSentences("Page ab.12. Then it was.")).toEqual(["Page ab.12.", "Then it was."]);
    expect(splitSentences("It was 2.1 percent. Then it was.")).toEqual(["It was 2.1 percent.", "Then it was."]);
    // An abbreviation or criterion number just before, but not at, the full stop does not stop the split.
    expect(splitSentences("Ask Dr.X. Then it was.")).toEqual(["Ask Dr.X.", "Then it was."]);
    expect(splitSentences("See 2.1.x. Then it was.")).toEqual(["See 2.1.x.", "Then it was."]);
  });

  it("the last sentence is trimmed and nothing empty is kept", () => {
    expect(splitSentences("It was done.   ")).toEqual(["It was done."]);
    expect(splitSentences("It was done. Then   ")).toEqual(["It was done.", "Then"]);
    expect(splitSentences("   ")).toEqual([]);
  });
});

describe("a sentence in the form terms are matched on", () => {
  it("drops tags and markup, plain quotes and dashes, single spaces, lower case", () => {
    expect(normaliseSentence("Done <b>well</b> in 8")).toBe("done well in 8");
    expect(normaliseSentence("a<>b")).toBe("a b");
    expect(normaliseSentence("In 8 <i>out</i>of 19")).toBe("in 8 out of 19");
    expect(normaliseSentence("the child\u2019s plan")).toBe("the child's plan");
    expect(normaliseSentence("two\u2013thirds")).toBe("two-thirds");
    expect(normaliseSentence("8\u00a0out of 19")).toBe("8 out of 19");
    expect(normaliseSentence("**all** but _three_")).toBe("all but three");
    expect(normaliseSentence("a**b")).toBe("a b");
    expect(normaliseSentence("In   8\tcases")).toBe("in 8 cases");
  });

  it("blanks what is quoted, in curly or straight quotes", () => {
    expect(normaliseSentence("in 8 cases \u201cnone\u201d were seen")).toBe("in 8 cases were seen");
    expect(normaliseSentence('in 8 cases "none"were seen')).toBe("in 8 cases were seen");
    expect(normaliseSentence("in 8 cases \u201cnone\u201dwere seen")).toBe("in 8 cases were seen");
    expect(normaliseSentence('in 8"quoted"cases')).toBe("in 8 cases");
  });
});
