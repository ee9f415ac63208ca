using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilnyUrzednik.Core.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ResidentNameSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ResidentNameSearch",
                table: "VisitRequests",
                type: "TEXT",
                maxLength: 400,
                nullable: true);
            // Existing rows: SQLite's lower() folds ASCII only; later saves refold with .NET's full lower-casing.
            migrationBuilder.Sql("UPDATE VisitRequests SET ResidentNameSearch = lower(ResidentName);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ResidentNameSearch",
                table: "VisitRequests");
        }
    }
}
