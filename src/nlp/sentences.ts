// Placeholder until the sentences stage lands (owned by its own work item).
import type { StageFactory } from "../pipeline/types.js";

export const sentencesStage: StageFactory = () => ({ name: "sentences", run: () => undefined });
