package org.tend.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;

/**
 * DEVELOPMENT ONLY: a real SMTP server in this JVM (GreenMail) that takes every message the services send and keeps
 * it in memory, with an IMAP server to read it (each recipient's mailbox is made on the first message; user and
 * password are the address). Production points {@code TEND_SMTP_HOST} / {@code TEND_SMTP_PORT} at the organisation's
 * mail relay instead.
 */
public final class MailServer {

    /** The local stack's SMTP port ({@code TEND_SMTP_PORT}). */
    public static final int DEFAULT_SMTP_PORT = 2525;
    /** Where a developer reads what was sent. */
    public static final int DEFAULT_IMAP_PORT = 3143;

    private final int smtpPort;
    private final int imapPort;
    private GreenMail greenMail;

    /** @param smtpPort 0 for a free port (and a free IMAP port with it) */
    public MailServer(int smtpPort) {
        this.smtpPort = smtpPort == 0 ? FreePorts.find() : smtpPort;
        this.imapPort = smtpPort == 0 ? FreePorts.find() : DEFAULT_IMAP_PORT;
    }

    public synchronized void start() {
        if (greenMail == null) {
            greenMail = new GreenMail(new ServerSetup[] {
                    new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
            greenMail.start();
        }
    }

    public synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    /** Every message received since the start (tests read them). */
    public synchronized List<MimeMessage> received() {
        return greenMail == null ? List.of() : List.of(greenMail.getReceivedMessages());
    }
}
