package org.assemblybot.feature.mirror;

import java.time.Clock;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.SharedFile;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.core.store.SentListener;

/**
 * The researcher's voice note or file, re-posted in the thread of the spotlight card. The thread needs the card's
 * event id, known only once the card was sent: until then the file waits parked in the outbox under a transaction
 * id derived from the card's, and when the relay reports the card sent (in its transaction) it is queued with the
 * card as its thread root. Nothing is downloaded: the new event reuses the stored media ({@link SharedFile}).
 */
final class CardFiles implements SentListener {
    private static final String SUFFIX = "-file";

    private final Outbox outbox;
    private final Clock clock;

    CardFiles(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Holds {@code file} until the card sent under {@code cardTxn} is out. */
    void afterCard(RoomId room, String cardTxn, MirrorFile file) {
        SharedFile shared = new SharedFile(file.msgtype(), file.fileName(), file.mimeType(), file.size(), file.media(),
                null);
        outbox.park(new Outbox.Pending(cardTxn + SUFFIX, room, null, new Outbox.Forward(shared, null), clock.instant(),
                null));
    }

    /** A card went out: its file, if one waits, follows in its thread. Every sent entry passes here: one lookup. */
    @Override
    public void sent(String txnId, RoomId room, EventId eventId) {
        if (txnId.endsWith(SUFFIX)) {
            return;
        }
        outbox.takeParked(txnId + SUFFIX).ifPresent(parked -> {
            if (parked.intent() instanceof Outbox.Forward forward) {
                outbox.enqueue(new Outbox.Pending(parked.txnId(), room, null, new Outbox.Forward(forward.file(),
                        eventId), clock.instant(), null));
            }
        });
    }
}
