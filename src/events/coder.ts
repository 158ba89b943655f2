// Placeholder until the event coder lands.
import type { StageFactory } from "../pipeline/types.js";

export const eventsStage: StageFactory = () => ({ name: "events", run: () => undefined });
