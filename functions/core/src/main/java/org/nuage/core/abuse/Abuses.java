package org.nuage.core.abuse;

import java.util.List;

/** Port: the abuse reports the administrators read. */
public interface Abuses {

    /** Stores the report unless one with its id exists; true when stored. */
    boolean saveIfNew(Abuse abuse);

    /** Every report, newest first. */
    List<Abuse> all();
}
