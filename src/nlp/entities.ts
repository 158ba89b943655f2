// Placeholder until the entities stage lands (owned by its own work item).
import type { StageFactory } from "../pipeline/types.js";

export const entitiesStage: StageFactory = () => ({ name: "entities", run: () => undefined });
