export { AddToQueue } from "./add-to-queue";
export { useAddQueueItems, useQueueMutation, useQueues } from "./use-queues";
export { QueueSelectionBar } from "./queue-selection-bar";
