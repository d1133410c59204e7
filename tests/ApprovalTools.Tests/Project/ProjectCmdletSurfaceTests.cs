using ApprovalTools.Commands;
using ApprovalTools.Core.Project;
using ApprovalTools.Tests.Support;
using Xunit;

namespace ApprovalTools.Tests.Project
{
    public sealed class ProjectCmdletSurfaceTests
    {
        [Fact]
        public void Invoke_NodeOperation_binds_csv_columns_by_property_name_and_supports_WhatIf()
        {
            var c = CmdletSurface.Of<InvokeNodeOperationCommand>();

            Assert.Equal("Invoke-NodeOperation", c.Name);
            Assert.True(c.SupportsShouldProcess);
            Assert.Equal("Medium", c.ConfirmImpact);
            Assert.Equal(new[] { typeof(NodeOperationResult).FullName! }, c.OutputTypeNames);
            foreach (var (name, alias) in new[] { ("ProjectKey", "project_key"), ("WorkItemTypeKey", "work_item_type_key"), ("WorkItemId", "work_item_id"), ("NodeId", "node_id") })
            {
                var p = c.Parameter(name);
                Assert.True(p.Mandatory, name);
                Assert.True(p.FromPipelineByPropertyName, name);
                Assert.Contains(alias, p.Aliases);
                Assert.Equal(typeof(string), p.Type);
            }
            Assert.Equal(typeof(NodeAction), c.Parameter("Action").Type);
            Assert.True(c.Parameter("Action").FromPipelineByPropertyName);
            Assert.True(c.Parameter("RollbackReason").FromPipelineByPropertyName);
            Assert.Contains("rollback_reason", c.Parameter("RollbackReason").Aliases);
            Assert.False(c.Parameter("RollbackReason").Mandatory);
        }

        [Fact]
        public void Invoke_NodeOperation_structures_take_typed_objects_or_hashtables()
        {
            var c = CmdletSurface.Of<InvokeNodeOperationCommand>();

            Assert.Equal(typeof(string[]), c.Parameter("NodeOwner").Type);
            Assert.True(c.Parameter("NodeOwner").HasAttribute("AllowEmptyCollectionAttribute"));
            Assert.False(c.Parameter("NodeOwner").FromPipelineByPropertyName);
            Assert.Equal(typeof(NodeSchedule), c.Parameter("NodeSchedule").Type);
            Assert.Equal(typeof(NodeSchedule[]), c.Parameter("Schedule").Type);
            Assert.Equal(typeof(FieldValuePair[]), c.Parameter("Field").Type);
            Assert.Equal(typeof(RoleOwner[]), c.Parameter("RoleAssignee").Type);
            foreach (var name in new[] { "NodeSchedule", "Schedule", "Field", "RoleAssignee" })
            {
                Assert.True(c.Parameter(name).HasAttribute("ProjectInputTransformationAttribute"), name);
            }
            Assert.Equal(typeof(FeishuProjectConnection), c.Parameter("Connection").Type);
            Assert.True(c.Parameter("ThrottleLimit").HasAttribute("ValidateRangeAttribute"));
        }

        [Fact]
        public void Connect_FeishuProject_takes_a_secure_secret_or_the_sandbox()
        {
            var c = CmdletSurface.Of<ConnectFeishuProjectCommand>();

            Assert.Equal("Connect-FeishuProject", c.Name);
            Assert.Equal(new[] { typeof(FeishuProjectConnection).FullName! }, c.OutputTypeNames);
            Assert.Equal("System.Security.SecureString", c.Parameter("PluginSecret").Type.FullName);
            Assert.Equal(new[] { "Tenant" }, c.Parameter("PluginId").Sets);
            Assert.True(c.Parameter("Sandbox").MandatoryIn("Sandbox"));
            Assert.Equal(new[] { "Tenant", "Sandbox" }, c.Parameter("UserKey").Sets);
            Assert.Equal(typeof(Uri), c.Parameter("BaseUri").Type);
            Assert.Equal("Tenant", c.DefaultParameterSetName);
        }
    }
}
