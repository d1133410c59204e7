using System;
using System.Collections.Generic;

namespace ApprovalTools.Sandbox.Approval
{
    /// <summary>One tenant user under its three Feishu ids.</summary>
    public sealed class SandboxUser
    {
        public SandboxUser(string userId, string openId, string unionId)
        {
            UserId = userId;
            OpenId = openId;
            UnionId = unionId;
        }

        public string UserId { get; }
        public string OpenId { get; }
        public string UnionId { get; }
    }

    /// <summary>
    /// The tenant's users, so the task query can read <c>user_id</c> as the id type <c>user_id_type</c> names: a task synced
    /// with a user's user_id is listed for a query by that user's open_id or union_id, as on Feishu. A user not in the
    /// directory is known only by the literal id the sync stored.
    /// </summary>
    public sealed class UserDirectory
    {
        private readonly object _gate = new object();
        private readonly List<SandboxUser> _users = new List<SandboxUser>();

        public SandboxUser Add(string userId, string openId, string unionId)
        {
            var user = new SandboxUser(userId, openId, unionId);
            lock (_gate) _users.Add(user);
            return user;
        }

        public void Clear()
        {
            lock (_gate) _users.Clear();
        }

        /// <summary>The user the id names when read as <paramref name="idType"/> (open_id, union_id or user_id).</summary>
        public SandboxUser? Find(string id, string idType)
        {
            lock (_gate)
            {
                foreach (var user in _users)
                {
                    var value = idType == "user_id" ? user.UserId : idType == "union_id" ? user.UnionId : user.OpenId;
                    if (string.Equals(value, id, StringComparison.Ordinal)) return user;
                }
                return null;
            }
        }
    }
}
