package io.flk.compliance;

import java.io.IOException;
import java.io.Writer;

/**
 * The chain as RFC 4180 CSV with a header line and LF line ends, one link per line in chain_position order,
 * columns exactly as stored so that an auditor can recompute every hash with standard tools.
 */
final class ChainCsv {

    static final String HEADER =
            "chain_position,global_index,event_id,event_type,aggregate_id,time_stamp,payload_sha256,prev_hash,hash";

    private final Writer out;

    ChainCsv(Writer out) throws IOException {
        this.out = out;
        out.write(HEADER);
        out.write('\n');
    }

    void write(ChainLink link) throws IOException {
        out.write(Long.toString(link.chainPosition()));
        out.write(',');
        out.write(Long.toString(link.globalIndex()));
        for (String field : new String[] {link.eventId(), link.eventType(), link.aggregateId(), link.timeStamp(),
                link.payloadSha256(), link.prevHash(), link.hash()}) {
            out.write(',');
            out.write(escape(field));
        }
        out.write('\n');
    }

    static String escape(String field) {
        if (field == null) {
            return "";
        }
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0
                && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
