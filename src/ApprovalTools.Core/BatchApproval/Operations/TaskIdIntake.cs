using System;
using System.Collections;
using System.Collections.Generic;
using System.Reflection;
using ApprovalTools.Core.Operations;

namespace ApprovalTools.Core.BatchApproval.Operations
{
    /// <summary>
    /// Turns input items into task ids: a string is the id; a dictionary or object gives its TaskId, task_id or
    /// Id. Empty ids become an error record (target = the input); repeated ids are dropped once seen, which
    /// verbose says, so each task is sent at most once per command.
    /// </summary>
    public sealed class TaskIdIntake
    {
        private static readonly string[] Names = { "TaskId", "task_id", "Id" };
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);

        public int Received { get; private set; }

        public int Duplicates { get; private set; }

        public int Invalid { get; private set; }

        /// <summary>The id to work on, or null when the item was reported (invalid) or already seen.</summary>
        public string? Accept(object? input, IOperationSink sink)
        {
            Received++;
            var id = Read(input)?.Trim();
            if (string.IsNullOrEmpty(id))
            {
                Invalid++;
                var what = input == null || input is string ? "A task id is empty" : "The input has no TaskId, task_id or Id value";
                sink.Fail(OperationError.Invalid("BatchTaskIdEmpty", what + " (input item " + Received + "); a task id is required. Nothing was sent for it.", input ?? string.Empty));
                return null;
            }
            if (!_seen.Add(id!))
            {
                Duplicates++;
                sink.Verbose("Task id " + id + " appears again (input item " + Received + "); duplicates are dropped, it is sent once.");
                return null;
            }
            return id;
        }

        /// <summary>The task id an input item carries, or null.</summary>
        public static string? Read(object? input)
        {
            switch (input)
            {
                case null: return null;
                case string text: return text;
                case IDictionary dictionary:
                    foreach (var name in Names)
                    {
                        foreach (DictionaryEntry entry in dictionary)
                        {
                            if (string.Equals(entry.Key as string, name, StringComparison.OrdinalIgnoreCase)) return entry.Value?.ToString();
                        }
                    }
                    return null;
            }
            foreach (var name in Names)
            {
                var property = input.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
                if (property != null && property.GetIndexParameters().Length == 0) return property.GetValue(input)?.ToString();
            }
            return null;
        }
    }
}
