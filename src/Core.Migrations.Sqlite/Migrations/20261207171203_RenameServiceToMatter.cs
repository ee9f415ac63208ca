using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilnyUrzednik.Core.Data.Sqlite.Migrations
{
    /// <summary>
    /// "Service" becomes "Matter", the word the UI uses ("sprawa"). The table and columns are renamed in place
    /// (SQLite's ALTER TABLE RENAME keeps the rows and moves the foreign keys that point at the table along).
    /// </summary>
    public partial class RenameServiceToMatter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameTable(name: "Services", newName: "Matters");
            migrationBuilder.RenameIndex(name: "IX_Services_Slug", table: "Matters", newName: "IX_Matters_Slug");
            migrationBuilder.RenameColumn(name: "ServiceId", table: "VisitRequests", newName: "MatterId");
            migrationBuilder.RenameIndex(name: "IX_VisitRequests_ServiceId", table: "VisitRequests", newName: "IX_VisitRequests_MatterId");
            migrationBuilder.RenameColumn(name: "ServiceId", table: "ChecklistItem", newName: "MatterId");
            migrationBuilder.RenameIndex(name: "IX_ChecklistItem_ServiceId", table: "ChecklistItem", newName: "IX_ChecklistItem_MatterId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameIndex(name: "IX_ChecklistItem_MatterId", table: "ChecklistItem", newName: "IX_ChecklistItem_ServiceId");
            migrationBuilder.RenameColumn(name: "MatterId", table: "ChecklistItem", newName: "ServiceId");
            migrationBuilder.RenameIndex(name: "IX_VisitRequests_MatterId", table: "VisitRequests", newName: "IX_VisitRequests_ServiceId");
            migrationBuilder.RenameColumn(name: "MatterId", table: "VisitRequests", newName: "ServiceId");
            migrationBuilder.RenameIndex(name: "IX_Matters_Slug", table: "Matters", newName: "IX_Services_Slug");
            migrationBuilder.RenameTable(name: "Matters", newName: "Services");
        }
    }
}
