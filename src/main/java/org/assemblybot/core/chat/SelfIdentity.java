package org.assemblybot.core.chat;

/** The bot's own account and device. */
public interface SelfIdentity {
    UserId userId();

    String deviceId();

    /** Whether the bot's own device is signed by its own self-signing key (E3). */
    boolean deviceCrossSigned();
}
