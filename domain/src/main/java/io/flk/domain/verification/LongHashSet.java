package io.flk.domain.verification;

/**
 * An open-addressing set of 64-bit token and shingle hashes. The hot path builds one per source passage on
 * every call, so it avoids boxing and string allocation: this is what keeps a strategy under a millisecond.
 */
public final class LongHashSet {

    private static final long EMPTY = 0L;
    /** Stands in for a real hash of 0, which would otherwise collide with an empty slot. */
    private static final long ZERO_SUBSTITUTE = 0x5bd1e9955bd1e995L;

    private long[] slots;
    private int size;

    public LongHashSet(int expectedSize) {
        slots = new long[tableSizeFor(expectedSize)];
    }

    public boolean add(long value) {
        long key = value == EMPTY ? ZERO_SUBSTITUTE : value;
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int index = insert(slots, key);
        if (index < 0) {
            return false;
        }
        size++;
        return true;
    }

    public boolean contains(long value) {
        return containsKey(value == EMPTY ? ZERO_SUBSTITUTE : value);
    }

    public int size() {
        return size;
    }

    /** How many of this set's members are also in {@code other}. */
    public int countIn(LongHashSet other) {
        int common = 0;
        for (long slot : slots) {
            if (slot != EMPTY && other.containsKey(slot)) {
                common++;
            }
        }
        return common;
    }

    /** Every member of {@code other} added to this set. */
    public void addAll(LongHashSet other) {
        for (long slot : other.slots) {
            if (slot != EMPTY) {
                add(slot);
            }
        }
    }

    private boolean containsKey(long key) {
        int mask = slots.length - 1;
        for (int index = spread(key) & mask; ; index = (index + 1) & mask) {
            long slot = slots[index];
            if (slot == key) {
                return true;
            }
            if (slot == EMPTY) {
                return false;
            }
        }
    }

    /** Returns the slot written, or -1 when the key was already present. */
    private static int insert(long[] table, long key) {
        int mask = table.length - 1;
        for (int index = spread(key) & mask; ; index = (index + 1) & mask) {
            long slot = table[index];
            if (slot == key) {
                return -1;
            }
            if (slot == EMPTY) {
                table[index] = key;
                return index;
            }
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        for (long slot : old) {
            if (slot != EMPTY) {
                insert(slots, slot);
            }
        }
    }

    private static int spread(long key) {
        return (int) (key ^ (key >>> 32));
    }

    private static int tableSizeFor(int expectedSize) {
        int wanted = Math.max(8, expectedSize * 2);
        return Integer.highestOneBit(wanted - 1) << 1;
    }
}
