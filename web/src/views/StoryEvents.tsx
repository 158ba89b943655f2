/**
 * A list of story events: the text alternative of the timeline and the body of the change view. Each line gives the
 * date (partial dates say so), type, parties, modality, corroboration, contradictions, and links to every mention.
 */
import type { StoryEvent } from "../api";
import { corroboration, showDate, storyParties } from "../format";
import { quadOf } from "../plover";
import { href } from "../router";

export function StoryEventList({ events, label }: { events: StoryEvent[]; label: string }) {
  if (events.length === 0) return <p>No events.</p>;
  return (
    <ol class="story-events" aria-label={label}>
      {events.map((e) => {
        const q = quadOf(e.type, e.quadClass);
        return (
          <li key={e.id} class={e.contradictions.length ? "contradicted" : ""} data-story-event={e.id}>
            <span class={`glyph ${q?.css ?? ""}`} aria-hidden="true">
              {q?.glyph ?? "·"}
            </span>{" "}
            <strong>{showDate(e)}</strong> {e.type}
            {e.mode ? ` (${e.mode})` : ""} — {storyParties(e)} <span class="modality">[{e.modality}{e.background ? ", background" : ""}{e.future ? ", future" : ""}]</span>
            {q ? <span class="sr-only"> {q.name}</span> : null}
            <div class="se-summary">{e.summary}</div>
            <div class="se-meta">
              {corroboration(e)}
              {e.contradictions.length ? (
                <span class="contradiction">
                  {" "}
                  · <b>! contradicted</b>:{" "}
                  {e.contradictions.map((c) => `${c.kind} ${c.versions.map((v) => `${v.value} (${v.sources} source${v.sources === 1 ? "" : "s"})`).join(" vs ")}`).join("; ")}
                </span>
              ) : null}
              {" · evidence: "}
              {e.mentions.map((m, i) => (
                <>
                  {i ? ", " : ""}
                  <a key={i} href={m.kind === "event" ? href(["article", m.article], { event: m.event }) : href(["article", m.article], { at: `${m.start}-${m.end}` })}>
                    {[m.publisher ?? m.article, m.published].filter(Boolean).join(" ")}
                    {m.source.length ? `, citing ${m.source.join(" ← ")}` : ""}
                  </a>
                </>
              ))}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
