/** Schemas of the article endpoints. */
import { z } from "zod";
import { ArticleRecord } from "../../record/schema.js";
import { DateParam, PageInfo, PageQuery, ShortText, StoryId } from "../schemas.js";
import { ArticleSummary } from "./story.schema.js";

export const ArticlesQuery = PageQuery.extend({
  source: ShortText("source").optional().describe("publisher, exactly as stored (e.g. TASS)"),
  from: DateParam.optional().describe("published on or after (YYYY, YYYY-MM or YYYY-MM-DD)"),
  to: DateParam.optional().describe("published on or before"),
  story: StoryId.optional().describe("only articles of this story"),
  q: ShortText("q").optional().describe("full-text query: all words must match"),
}).strict();

export const ArticleList = PageInfo.extend({ articles: z.array(ArticleSummary) }).meta({ id: "ArticleList" });

export const ArticleParams = z.object({ id: z.string().min(1).max(500).describe("the article id") });

/** The full record, as `parley show --json` prints it (schema/record.schema.json). */
export const Article = ArticleRecord.meta({ id: "ArticleRecord" });
