using System;

namespace ApprovalTools.Core.Approval.Operations
{
    /// <summary>
    /// One generation of the <see cref="RunLedger"/>: entity key → update_time in milliseconds, for at most
    /// <see cref="Capacity"/> keys, in one array of (key, ms) slots with linear probing (16 bytes a slot, at most 80 %
    /// full).
    /// </summary>
    /// <remarks>
    /// The slots double while the generation fills, up to what its capacity needs, and <see cref="Clear"/> keeps them:
    /// the ledger reuses the generation it drops instead of allocating a new table per generation. Tables this size
    /// live on the large object heap, which only a full collection frees, so a new one per generation left megabytes
    /// of garbage behind in every long run (bench pwsh, memory).
    /// </remarks>
    internal sealed class LedgerGeneration
    {
        private const int FirstSlots = 256;

        /// <summary>2^64 / φ: a key's home slot is the top bits of key × this (Fibonacci hashing), which spreads keys that differ only in a few bits.</summary>
        private const ulong GoldenRatio = 11400714819323198485UL;
        private readonly int _maxSlots;
        private Slot[] _slots;
        private int _shift;

        public LedgerGeneration(int capacity)
        {
            Capacity = Math.Max(1, capacity);
            _maxSlots = FirstSlots;
            while (_maxSlots < Capacity + Capacity / 4) _maxSlots *= 2;
            _slots = new Slot[FirstSlots];
            _shift = ShiftFor(FirstSlots);
        }

        public int Capacity { get; }

        public int Count { get; private set; }

        public bool TryGet(ulong key, out long ms)
        {
            var i = Find(Stored(key));
            ms = _slots[i].Ms;
            return _slots[i].Key != 0;
        }

        /// <summary>Sets the key's milliseconds; false (and nothing changed) when the key is new and the generation full.</summary>
        public bool TrySet(ulong key, long ms)
        {
            key = Stored(key);
            var i = Find(key);
            if (_slots[i].Key == key)
            {
                _slots[i].Ms = ms;
                return true;
            }
            if (Count == Capacity) return false;
            if (_slots.Length < _maxSlots && Count >= _slots.Length / 2)
            {
                Grow();
                i = Find(key);
            }
            _slots[i] = new Slot { Key = key, Ms = ms };
            Count++;
            return true;
        }

        /// <summary>Forgets every key and keeps the slots for the next generation.</summary>
        public void Clear()
        {
            Array.Clear(_slots, 0, _slots.Length);
            Count = 0;
        }

        /// <summary>The key's slot, or the empty slot where it would go.</summary>
        private int Find(ulong key)
        {
            var slots = _slots;
            var i = (int)((key * GoldenRatio) >> _shift);
            while (slots[i].Key != 0 && slots[i].Key != key) i = (i + 1) & (slots.Length - 1);
            return i;
        }

        private void Grow()
        {
            var old = _slots;
            _slots = new Slot[old.Length * 2];
            _shift = ShiftFor(_slots.Length);
            foreach (var slot in old)
            {
                if (slot.Key != 0) _slots[Find(slot.Key)] = slot;
            }
        }

        /// <summary>64 minus log2 of the (power of two) slot count: how far to shift a hash for its home slot.</summary>
        private static int ShiftFor(int length)
        {
            var shift = 64;
            while ((1 << (64 - shift)) < length) shift--;
            return shift;
        }

        /// <summary>0 marks an empty slot, so key 0 is stored as 1 (one more way to collide, as any hash can).</summary>
        private static ulong Stored(ulong key) => key == 0 ? 1 : key;

        private struct Slot
        {
            public ulong Key;
            public long Ms;
        }
    }
}
