// Placeholder until the times stage lands (owned by its own work item).
import type { StageFactory } from "../pipeline/types.js";

export const timesStage: StageFactory = () => ({ name: "times", run: () => undefined });
