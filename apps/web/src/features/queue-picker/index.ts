export { AddToQueue } from "./add-to-queue";
export { useAddQueueItems, useQueueMutation, useQueues } from "./use-queues";
