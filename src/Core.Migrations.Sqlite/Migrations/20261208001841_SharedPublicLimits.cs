using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilnyUrzednik.Core.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SharedPublicLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PublicLimits",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    WindowStart = table.Column<long>(type: "INTEGER", nullable: false),
                    Used = table.Column<int>(type: "INTEGER", nullable: false),
                    Refused = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicLimits", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "StatusLookupCodes",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Failures = table.Column<int>(type: "INTEGER", nullable: false),
                    LastFailure = table.Column<long>(type: "INTEGER", nullable: false),
                    LockedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    Locks = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatusLookupCodes", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PublicLimits_WindowStart",
                table: "PublicLimits",
                column: "WindowStart");

            migrationBuilder.CreateIndex(
                name: "IX_StatusLookupCodes_LastFailure",
                table: "StatusLookupCodes",
                column: "LastFailure");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublicLimits");

            migrationBuilder.DropTable(
                name: "StatusLookupCodes");
        }
    }
}
