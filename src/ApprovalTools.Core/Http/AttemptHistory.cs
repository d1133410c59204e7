using System;
using System.Collections.Generic;
using System.Linq;
using Polly.Timeout;

namespace ApprovalTools.Core.Http
{
    /// <summary>What each failed attempt of one request ran into, for error texts that say what happened.</summary>
    internal static class AttemptHistory
    {
        /// <summary>One attempt's failure in a few words: "HTTP 500, code 2200", "no answer in 30 s", "connection lost".</summary>
        public static string Describe(Exception? exception, TimeSpan attemptTimeout)
        {
            switch (exception)
            {
                case null:
                    return "no answer";
                case TimeoutRejectedException _:
                    return $"no answer in {attemptTimeout.TotalSeconds:0.#} s";
                case ApiException api when api.HttpStatus > 0:
                    return $"HTTP {api.HttpStatus}" + (api.Code > 0 ? $", code {api.Code}" : string.Empty);
                case ApiException api:
                    return api.ErrorId;
                default:
                    return exception.GetBaseException().Message;
            }
        }

        /// <summary>"2 attempts: HTTP 500, code 2200; no answer in 30 s" or "each of 3 attempts: no answer in 30 s".</summary>
        public static string Summary(IReadOnlyList<string> failures)
        {
            if (failures.Count == 0) return "no attempt finished";
            if (failures.Count == 1) return "1 attempt: " + failures[0];
            return failures.Distinct(StringComparer.Ordinal).Count() == 1
                ? $"each of {failures.Count} attempts: {failures[0]}"
                : $"{failures.Count} attempts: " + string.Join("; ", failures);
        }
    }
}
