package io.flk.projections.simulation;

import io.flk.domain.escalation.Verdict;
import io.flk.domain.simulation.RecordedLabel;

/**
 * The first label and the disagreement flag of each task of a replayed range, keyed by a 64-bit hash of the
 * task's aggregate identifier, in parallel arrays (about 25 bytes a task at most, no object per task): a replay
 * holds these for every labelled or disagreeing task of its range while it streams the decisions.
 *
 * <p>Two task ids of one range sharing a 64-bit hash would share a label; with a million labelled tasks the chance
 * that any decision meets a foreign label is about 1 in 10^7.
 */
final class TaskLabelIndex {

    private static final long EMPTY = 0L;
    private static final long ZERO_SUBSTITUTE = 0x5bd1e9955bd1e995L;
    private static final byte DISAGREED = 1 << 3;
    private static final byte VERDICT_BITS = 0b111;
    private static final Verdict[] VERDICTS = Verdict.values();

    private final int maxTasks;
    private long[] keys;
    private double[] reviewCosts;
    /** Bits 0-2: verdict ordinal + 1 (0: no label); bit 3: disagreed. */
    private byte[] flags;
    private int size;
    private long labels;
    private double reviewCostUsd;

    /** @param maxTasks the most tasks it may hold; one more is refused with {@link ReplayTooLarge} */
    TaskLabelIndex(int maxTasks) {
        this.maxTasks = maxTasks;
        allocate(1 << 10);
    }

    /** The task's first label is kept, as the KPIs keep it; later ones are ignored. */
    void label(String aggregateIdentifier, Verdict verdict, double reviewCost) {
        int slot = slotFor(key(aggregateIdentifier));
        if ((flags[slot] & VERDICT_BITS) == 0) {
            flags[slot] |= (byte) (verdict.ordinal() + 1);
            reviewCosts[slot] = reviewCost;
            labels++;
            reviewCostUsd += reviewCost;
        }
    }

    void disagreed(String aggregateIdentifier) {
        int slot = slotFor(key(aggregateIdentifier));
        flags[slot] |= DISAGREED;
    }

    /** The slot of a task, or -1 when the task has neither label nor disagreement. */
    int find(String aggregateIdentifier) {
        long key = key(aggregateIdentifier);
        int mask = keys.length - 1;
        for (int index = spread(key) & mask; ; index = (index + 1) & mask) {
            long slot = keys[index];
            if (slot == key) {
                return index;
            }
            if (slot == EMPTY) {
                return -1;
            }
        }
    }

    /** The label in {@code slot} (from {@link #find}), or {@code null}. */
    RecordedLabel labelAt(int slot) {
        int verdict = slot < 0 ? 0 : flags[slot] & VERDICT_BITS;
        return verdict == 0 ? null : new RecordedLabel(VERDICTS[verdict - 1], reviewCosts[slot]);
    }

    boolean disagreedAt(int slot) {
        return slot >= 0 && (flags[slot] & DISAGREED) != 0;
    }

    long labels() {
        return labels;
    }

    /** Sum of the kept labels' review costs. */
    double reviewCostUsd() {
        return reviewCostUsd;
    }

    int size() {
        return size;
    }

    /** The task's slot, taken if new; the arrays may be replaced meanwhile, so read them only after this returns. */
    private int slotFor(long key) {
        int mask = keys.length - 1;
        for (int index = spread(key) & mask; ; index = (index + 1) & mask) {
            long slot = keys[index];
            if (slot == key) {
                return index;
            }
            if (slot == EMPTY) {
                if (size >= maxTasks) {
                    throw new ReplayTooLarge("the range has more than " + maxTasks + " labelled or disagreeing "
                            + "tasks, the most a simulation holds in memory: simulate a shorter range, or raise "
                            + "flk.simulations.max-labelled-tasks");
                }
                if ((size + 1) * 4L > keys.length * 3L) {
                    grow();
                    return slotFor(key);
                }
                keys[index] = key;
                size++;
                return index;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        double[] oldCosts = reviewCosts;
        byte[] oldFlags = flags;
        allocate(oldKeys.length * 2);
        int mask = keys.length - 1;
        for (int old = 0; old < oldKeys.length; old++) {
            if (oldKeys[old] != EMPTY) {
                int index = spread(oldKeys[old]) & mask;
                while (keys[index] != EMPTY) {
                    index = (index + 1) & mask;
                }
                keys[index] = oldKeys[old];
                reviewCosts[index] = oldCosts[old];
                flags[index] = oldFlags[old];
            }
        }
    }

    private void allocate(int slots) {
        keys = new long[slots];
        reviewCosts = new double[slots];
        flags = new byte[slots];
    }

    /** FNV-1a over the identifier's chars, then a 64-bit finaliser so that similar ids spread over the table. */
    static long key(String aggregateIdentifier) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < aggregateIdentifier.length(); i++) {
            hash ^= aggregateIdentifier.charAt(i);
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash == EMPTY ? ZERO_SUBSTITUTE : hash;
    }

    private static int spread(long key) {
        return (int) (key ^ (key >>> 32));
    }
}
