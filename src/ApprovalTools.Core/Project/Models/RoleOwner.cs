using System.Collections.Generic;

namespace ApprovalTools.Core.Project
{
    /// <summary>The people of one role bound to the node (wire <c>RoleOwner</c>). An empty owner list clears the role.</summary>
    public sealed class RoleOwner
    {
        public RoleOwner()
        {
        }

        public RoleOwner(string role, params string[] owners)
        {
            Role = role;
            Owners = owners;
        }

        /// <summary>Role id, e.g. PM, rd (wire <c>role</c>).</summary>
        public string? Role { get; set; }

        /// <summary>Wire <c>name</c> (optional).</summary>
        public string? Name { get; set; }

        /// <summary>User keys (wire <c>owners</c>); required, use an empty list to clear the role.</summary>
        public IList<string>? Owners { get; set; }

        public override string ToString() => Role + "=" + (Owners == null ? "" : string.Join(",", Owners));
    }
}
