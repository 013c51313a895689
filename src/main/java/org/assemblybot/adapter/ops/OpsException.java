package org.assemblybot.adapter.ops;

/** The ops endpoint cannot be served (its address is taken or not ours): the bot does not start. */
public final class OpsException extends RuntimeException {
    public OpsException(String message, Throwable cause) {
        super(message, cause);
    }
}
