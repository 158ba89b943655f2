// Placeholder until the quotes stage lands (owned by its own work item).
import type { StageFactory } from "../pipeline/types.js";

export const quotesStage: StageFactory = () => ({ name: "quotes", run: () => undefined });
