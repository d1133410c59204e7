using System;
using System.Collections.Generic;

namespace ApprovalTools.Core.Approval.Input
{
    /// <summary>
    /// One wire object as <see cref="WireWriter"/> read it, for the rules that need more than one field: a slot per field
    /// of its schema holding the normalized value (a string for texts, times and enums, a bool, a record, or a list of
    /// records); an absent or refused field has none. Much smaller than a JSON tree: no names, no nodes per value.
    /// </summary>
    internal sealed class WireRecord
    {
        private readonly object?[] _slots;

        public WireRecord(WireSchema schema)
        {
            Schema = schema;
            _slots = new object?[schema.Count];
        }

        public WireSchema Schema { get; }

        /// <summary>Fields met so far (kept or refused), by ordinal: a second spelling of one is "given twice".</summary>
        internal ulong Given { get; set; }

        internal void Set(int ordinal, object value) => _slots[ordinal] = value;

        private object? Slot(string name) => _slots[Schema.OrdinalOf(name)];

        public bool Has(string name) => Slot(name) != null;

        public string? Text(string name) => Slot(name) as string;

        public bool? Bool(string name) => Slot(name) as bool?;

        public WireRecord? Record(string name) => Slot(name) as WireRecord;

        /// <summary>The list's records; null when the field is absent.</summary>
        public IReadOnlyList<WireRecord>? ListOrNull(string name) => Slot(name) as IReadOnlyList<WireRecord>;

        /// <summary>The list's records; empty when the field is absent.</summary>
        public IReadOnlyList<WireRecord> List(string name) => ListOrNull(name) ?? Array.Empty<WireRecord>();
    }
}
