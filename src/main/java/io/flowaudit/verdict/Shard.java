package io.flowaudit.verdict;

import io.flowaudit.input.BadInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part {@code index} of {@code count} of an audit: of every claim, a block of consecutive tries, the
 * blocks of parts 1..count in order making up all of them. Blocks, not every count-th try, because a
 * run stops at its first failure: the parts before the block that holds it count whole, the parts
 * after count for nothing, so partial counts join without keeping each try.
 *
 * @param index from 1
 * @param count at least 1
 */
public record Shard(int index, int count) {

    /** The whole run as one part. */
    public static final Shard WHOLE = new Shard(1, 1);

    /** Tries {@code from..to} (from 1); empty when {@code to < from}. */
    public record Range(int from, int to) {

        public int size() {
            return Math.max(0, to - from + 1);
        }
    }

    private static final Pattern SPEC = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is K/N with 1 <= K <= N, got " + index + "/" + count);
        }
    }

    /** {@code K/N} as the command line gives it. */
    public static Shard parse(String spec) {
        Matcher matcher = SPEC.matcher(spec.trim());
        if (matcher.matches()) {
            int index = Integer.parseInt(matcher.group(1));
            int count = Integer.parseInt(matcher.group(2));
            if (count >= 1 && index >= 1 && index <= count) {
                return new Shard(index, count);
            }
        }
        throw new BadInputException(null, "--shard must be K/N with 1 <= K <= N (e.g. 2/3), got '" + spec + "'");
    }

    /** This part's tries of a claim of {@code tries} tries: the index-th of count near-equal blocks. */
    public Range range(int tries) {
        return new Range((int) ((long) (index - 1) * tries / count) + 1, (int) ((long) index * tries / count));
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
