package org.tend.progress.reminders;

import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The two messages Tend sends, as fixed sentences and a link: nothing about anyone's health, answers, scores or
 * measures, and no name. Whoever reads the mail learns only that Tend has something waiting.
 */
public class ReminderMail {

    public static final String CHECK_IN_SUBJECT = "You have a check-in waiting in Tend";
    public static final String DIGEST_SUBJECT = "Tend: participants waiting for you";

    private final JavaMailSender sender;
    private final String from;
    private final String publicUrl;

    public ReminderMail(JavaMailSender sender, String from, String publicUrl) {
        this.sender = sender;
        this.from = from;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** @throws MailException when the SMTP server cannot take it */
    public void checkIn(String to) {
        send(to, CHECK_IN_SUBJECT, """
                Hello,

                You have a check-in waiting in Tend. It takes a few minutes:
                %s/me/

                You get these reminders because you asked for them. To stop them, open the link and turn reminders off.
                """.formatted(publicUrl));
    }

    /**
     * @param waiting how many of the practitioner's participants have an overdue review or check-in (no one named)
     * @param alerts  how many safety alerts of the practitioner's programmes wait past their time to be acknowledged
     */
    public void digest(String to, int waiting, int alerts) {
        StringBuilder lines = new StringBuilder();
        if (alerts > 0) {
            lines.append(alerts).append(alerts == 1 ? " safety alert is" : " safety alerts are")
                    .append(" waiting to be acknowledged.\n");
        }
        if (waiting > 0) {
            lines.append(waiting).append(waiting == 1 ? " participant" : " participants").append(" on your caseload ")
                    .append(waiting == 1 ? "needs" : "need").append(" attention: a review or a check-in is overdue.\n");
        }
        send(to, DIGEST_SUBJECT, """
                Hello,

                %s%s/practitioner/

                You get this daily summary because you asked for it. To stop it, open the link and turn it off.
                """.formatted(lines, publicUrl));
    }

    private void send(String to, String subject, String text) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject(subject);
        message.setText(text);
        sender.send(message);
    }
}
