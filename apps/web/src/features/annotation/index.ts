export { AnnotatePage } from "./annotate-page";
export { QueuePage } from "./queue-page";
export { QueuesPage } from "./queues-page";
export { ScoreConfigsPage } from "./score-configs-page";
