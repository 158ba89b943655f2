/**
 * Reads MEANTIME (NewsReader; CAT XML, one token per element) and the SemEval-2015 TimeLine trial documents (the
 * same format): the text rebuilt from the tokens (with the offset of every token kept, so gold mentions map onto the
 * text by construction, never by searching), the creation time, the gold event mentions with their lemma and their
 * cross-document instance. The topic of a document is its corpus folder.
 */
import { readFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import { listFiles } from "./datasets.js";

export interface GoldEventMention {
  /** Document-local markable id. */
  id: string;
  lemma: string;
  start: number;
  end: number;
  /** Gold coreference key: the cross-document instance, else the in-document event, else the mention itself. */
  cluster: string;
}

export interface CatDoc {
  id: string;
  /** Topic from the corpus structure (MEANTIME's corpus folder; the TimeLine trial set is one corpus). */
  topic: string;
  title: string;
  /** The body: sentences after the title, one paragraph. */
  text: string;
  /** Offset of the body in `title + "\n\n" + text` is title.length + 2. */
  published: string | null;
  events: GoldEventMention[];
  /** Gold TIMEX3 mentions of the body (body offsets; the dateline's creation time among them when it is in the body). */
  timexes: { start: number; end: number; type: string; value: string }[];
  /**
   * Where the span annotated for time expressions ends (body offset): MEANTIME tags them in the title and the first
   * TIMEX_SENTENCES sentences only (events everywhere); no TIMEX3 of the corpus lies beyond.
   */
  timexScopeEnd: number;
}

export const TIMEX_SENTENCES = 5;

const TOKEN = /<token\b([^>]*)>([^<]*)<\/token>/g;
const attr = (s: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(s)?.[1] ?? null;
const NO_SPACE_BEFORE = /^(?:[.,;:!?%)\]}]|'s|'|n't|'re|'ve|'ll|'d|'m)$/i;
const NO_SPACE_AFTER = /^[([{$]$/;
const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

export function parseCat(xml: string, topic: string): CatDoc {
  const head = /<Document\b([^>]*)>/.exec(xml)?.[1] ?? "";
  const id = attr(head, "doc_id") ?? "";
  const tokens: { id: string; sentence: number; text: string }[] = [];
  for (const m of xml.matchAll(TOKEN)) tokens.push({ id: attr(m[1]!, "t_id")!, sentence: Number(attr(m[1]!, "sentence")), text: unescape(m[2]!) });
  // Title = sentence 0; body = the rest, rebuilt with light detokenisation, offsets kept per token.
  const spans = new Map<string, { start: number; end: number }>();
  let title = "";
  let body = "";
  let prev = "";
  let timexScopeEnd = 0;
  for (const t of tokens) {
    const inTitle = t.sentence === 0;
    const cur = inTitle ? title : body;
    const glue = cur === "" || NO_SPACE_BEFORE.test(t.text) || NO_SPACE_AFTER.test(prev) ? "" : " ";
    const start = cur.length + glue.length;
    if (inTitle) title += glue + t.text;
    else body += glue + t.text;
    spans.set(t.id, { start: inTitle ? -1 : start, end: inTitle ? -1 : start + t.text.length });
    if (!inTitle && t.sentence <= TIMEX_SENTENCES) timexScopeEnd = start + t.text.length;
    prev = t.text;
  }
  const markables = xml.slice(xml.indexOf("<Markables>"), xml.indexOf("</Markables>"));
  const published = /functionInDocument="CREATION_TIME"[^>]*value="([^"]*)"/.exec(markables)?.[1] ?? /value="([^"]*)"[^>]*functionInDocument="CREATION_TIME"/.exec(markables)?.[1] ?? null;
  // Event instances (cross-document) and in-document events.
  const instance = new Map<string, string>();
  for (const m of markables.matchAll(/<EVENT\b([^>]*)\/?>/g)) {
    const mid = attr(m[1]!, "m_id");
    if (mid) instance.set(mid, attr(m[1]!, "instance_id") ?? `${id}/e${mid}`);
  }
  const refersTo = new Map<string, string>();
  const relations = xml.slice(xml.indexOf("<Relations>"));
  for (const m of relations.matchAll(/<REFERS_TO\b[^>]*>([\s\S]*?)<\/REFERS_TO>/g)) {
    const target = /<target m_id="([^"]+)"/.exec(m[1]!)?.[1];
    if (!target || !instance.has(target)) continue;
    for (const s of m[1]!.matchAll(/<source m_id="([^"]+)"/g)) refersTo.set(s[1]!, instance.get(target)!);
  }
  const events: GoldEventMention[] = [];
  for (const m of markables.matchAll(/<EVENT_MENTION\b([^>]*)>([\s\S]*?)<\/EVENT_MENTION>/g)) {
    const mid = attr(m[1]!, "m_id")!;
    const anchors = [...m[2]!.matchAll(/t_id="([^"]+)"/g)].map((a) => spans.get(a[1]!)).filter((s): s is { start: number; end: number } => !!s && s.start >= 0);
    if (!anchors.length) continue;
    const lemma = (attr(m[1]!, "pred") ?? "").toLowerCase();
    events.push({
      id: mid,
      lemma,
      start: Math.min(...anchors.map((a) => a.start)),
      end: Math.max(...anchors.map((a) => a.end)),
      cluster: refersTo.get(mid) ?? `${id}/m${mid}`,
    });
  }
  // TIMEX3 markables with token anchors (the empty ones, TAG_DESCRIPTOR, stand for times the text does not write).
  const timexes: CatDoc["timexes"] = [];
  for (const m of markables.matchAll(/<TIMEX3\b([^>]*)(?<!\/)>([\s\S]*?)<\/TIMEX3>/g)) {
    const anchors = [...m[2]!.matchAll(/t_id="([^"]+)"/g)].map((a) => spans.get(a[1]!)).filter((s): s is { start: number; end: number } => !!s && s.start >= 0);
    if (!anchors.length) continue;
    timexes.push({
      start: Math.min(...anchors.map((a) => a.start)),
      end: Math.max(...anchors.map((a) => a.end)),
      type: attr(m[1]!, "type") ?? "",
      value: attr(m[1]!, "value") ?? "",
    });
  }
  return { id, topic, title, text: body, published, events, timexes, timexScopeEnd };
}

/** MEANTIME's English cross-document files: 4 corpora × 30 documents. */
export function readMeantime(root: string): CatDoc[] {
  return listFiles(`${root}/intra_cross-doc_annotation`, ".xml").map((f) => parseCat(readFileSync(f, "utf8"), basename(dirname(f)).replace(/^corpus_/, "")));
}

/** The TimeLine trial corpus: 30 Wikinews documents about Apple, one topic. */
export function readTimelineTrial(root: string): CatDoc[] {
  return listFiles(`${root}/Corpus-trial-data_task4`, ".xml").map((f) => ({ ...parseCat(readFileSync(f, "utf8"), "apple"), id: `tl-${basename(f).split(/[-_]/)[0]}` }));
}

/** The fixed split: half A (settings are chosen here) holds even document ids, half B odd ones. */
export const half = (doc: { id: string }): "A" | "B" => (Number(doc.id.replace(/\D/g, "")) % 2 === 0 ? "A" : "B");
