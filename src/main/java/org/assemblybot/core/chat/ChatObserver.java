package org.assemblybot.core.chat;

/**
 * What the chat adapter tells about its connection to the homeserver, for health checks and metrics. Called
 * from the adapter's own threads; implementations must be quick and never throw.
 */
public interface ChatObserver {
    /** Observes nothing. */
    ChatObserver NONE = new ChatObserver() {
    };

    /** A sync response arrived from the homeserver (the sync loop works). */
    default void syncCompleted() {
    }

    /** The sync loop failed and retries with backoff (the homeserver is away, or the network). */
    default void syncFailing() {
    }

    /** The homeserver answered 429 to some request (M2); it is waited out and retried. */
    default void rateLimited() {
    }
}
