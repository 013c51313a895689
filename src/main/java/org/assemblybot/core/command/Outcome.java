package org.assemblybot.core.command;

import java.util.Objects;

/**
 * What the router decided to answer.
 *
 * @param internalError true when a handler failed unexpectedly; the reply is an apology with {@code errorId}
 * @param errorId       the id logged with the failure, or null
 */
public record Outcome(Reply reply, boolean internalError, String errorId) {
    public Outcome {
        Objects.requireNonNull(reply, "reply");
        if (internalError != (errorId != null)) {
            throw new IllegalArgumentException("an error id belongs to internal errors, and only to them");
        }
    }

    public static Outcome answer(Reply reply) {
        return new Outcome(reply, false, null);
    }

    public static Outcome failure(Reply apology, String errorId) {
        return new Outcome(apology, true, Objects.requireNonNull(errorId, "errorId"));
    }
}
