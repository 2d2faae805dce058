import type { TaskDefinition } from "hardhat/types/tasks";

export const tasks: TaskDefinition[] = [];
