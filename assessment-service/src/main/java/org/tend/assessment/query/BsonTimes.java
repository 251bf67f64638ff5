package org.tend.assessment.query;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/** Times are stored as BSON dates (millisecond precision; the service truncates its clock to milliseconds). */
final class BsonTimes {

    private BsonTimes() {
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
