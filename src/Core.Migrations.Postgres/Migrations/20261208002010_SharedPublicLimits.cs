using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilnyUrzednik.Core.Data.Postgres.Migrations
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
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    WindowStart = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Used = table.Column<int>(type: "integer", nullable: false),
                    Refused = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicLimits", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "StatusLookupCodes",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Failures = table.Column<int>(type: "integer", nullable: false),
                    LastFailure = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LockedUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Locks = table.Column<int>(type: "integer", nullable: false)
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
