using System;
using System.Collections.Generic;
using System.Globalization;

namespace ApprovalTools.Core.Project
{
    /// <summary>
    /// A node schedule (wire <c>Schedule</c>): estimate points, estimated start and end (Unix milliseconds on the wire),
    /// owners (for differentiated per-owner schedules), actual work time, auto estimate and planned construction period.
    /// </summary>
    public sealed class NodeSchedule
    {
        /// <summary>Estimate ("估分"), wire <c>points</c>.</summary>
        public double? Points { get; set; }

        /// <summary>Wire <c>estimate_start_date</c> (ms).</summary>
        public DateTimeOffset? EstimateStartDate { get; set; }

        /// <summary>Wire <c>estimate_end_date</c> (ms).</summary>
        public DateTimeOffset? EstimateEndDate { get; set; }

        /// <summary>User keys this sub-schedule applies to (differentiated schedules, <c>-Schedule</c>).</summary>
        public IList<string>? Owners { get; set; }

        /// <summary>Wire <c>actual_work_time</c>.</summary>
        public double? ActualWorkTime { get; set; }

        /// <summary>Wire <c>is_auto</c>.</summary>
        public bool? IsAuto { get; set; }

        /// <summary>Wire <c>planned_construction_period</c> (int32, official Go SDK v2 Schedule): the planned duration.</summary>
        public int? PlannedConstructionPeriod { get; set; }

        public override string ToString() =>
            $"{Points?.ToString(CultureInfo.InvariantCulture) ?? "-"} pt {EstimateStartDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?"}..{EstimateEndDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?"}";
    }
}
