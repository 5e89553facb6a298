package jp.consentledger.bench.load;

import java.nio.charset.StandardCharsets;

/** Finds an HTTP/1.1 response's parts in the bytes read so far, in place: no String per response. */
final class ResponseBytes {
    private ResponseBytes() {
    }

    static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] CRLF = {'\r', '\n'};

    static final byte[] CONNECTION_CLOSE = "\r\nconnection: close".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CHUNKED = "\r\ntransfer-encoding: chunked".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTENT_LENGTH = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);

    static int contentLength(byte[] buf, int headerEnd) {
        int at = indexOfIgnoreCase(buf, 0, headerEnd, CONTENT_LENGTH);
        if (at < 0) {
            return -1;
        }
        int length = 0;
        for (int i = at + CONTENT_LENGTH.length; i < headerEnd && buf[i] != '\r'; i++) {
            if (buf[i] >= '0' && buf[i] <= '9') {
                length = length * 10 + (buf[i] - '0');
            }
        }
        return length;
    }

    /** Like indexOf, with ASCII letters of the buffer folded to lower case (the needle is lower case). */
    static int indexOfIgnoreCase(byte[] buf, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                byte b = buf[i + j];
                if (b >= 'A' && b <= 'Z') {
                    b += 'a' - 'A';
                }
                if (b != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The end of a chunked body, or -1 if it has not all arrived. */
    static int chunkedEnd(byte[] buf, int from, int limit) {
        int at = from;
        while (true) {
            int lineEnd = indexOf(buf, at, limit, CRLF);
            if (lineEnd < 0) {
                return -1;
            }
            int size = 0;
            for (int i = at; i < lineEnd && buf[i] != ';'; i++) {
                int digit = Character.digit(buf[i], 16);
                if (digit >= 0) {
                    size = size * 16 + digit;
                }
            }
            at = lineEnd + 2;
            if (size == 0) {
                int trailerEnd = indexOf(buf, at, limit, CRLF);
                return trailerEnd < 0 ? -1 : trailerEnd + 2;
            }
            at += size + 2;
            if (at > limit) {
                return -1;
            }
        }
    }

    static int indexOf(byte[] buf, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buf[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
