package io.chariot.websupport.web;

import io.chariot.api.rejection.Rejection;
import io.chariot.api.rejection.Rejections;

/**
 * Whether a command failed because its aggregate does not exist (in this process, or as the rejection another
 * process sent back). Deletes use it to answer "done" for what is not there, as Chariot's clients expect.
 */
public final class Absent {

    private Absent() {
    }

    public static boolean is(RuntimeException e) {
        return Rejections.is(e, Rejection.Code.NOT_FOUND);
    }
}
