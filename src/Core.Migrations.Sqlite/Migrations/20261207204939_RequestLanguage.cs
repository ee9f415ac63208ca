using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilnyUrzednik.Core.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RequestLanguage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "VisitRequests",
                type: "TEXT",
                maxLength: 8,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Language",
                table: "VisitRequests");
        }
    }
}
