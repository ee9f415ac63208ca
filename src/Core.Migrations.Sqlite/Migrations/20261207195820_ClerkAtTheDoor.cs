using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilnyUrzednik.Core.Data.Sqlite.Migrations
{
    /// <summary>The clerk closes their visit (outcome on the visit), calendar chains and feeds, the travel time between visits (30 minutes for existing municipalities).</summary>
    public partial class ClerkAtTheDoor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AnotherVisitNeeded",
                table: "Visits",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "NextStep",
                table: "Visits",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NotHeldReason",
                table: "Visits",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OutcomeAt",
                table: "Visits",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutcomeBy",
                table: "Visits",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutcomeChannel",
                table: "Visits",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutcomeKey",
                table: "Visits",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutcomeNote",
                table: "Visits",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutcomeReference",
                table: "Visits",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Sequence",
                table: "Visits",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SeriesId",
                table: "Visits",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TravelBufferMinutes",
                table: "Municipalities",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.CreateTable(
                name: "CalendarFeeds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClerkId = table.Column<string>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastReadAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarFeeds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CalendarFeeds_AspNetUsers_ClerkId",
                        column: x => x.ClerkId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Visits_OutcomeKey",
                table: "Visits",
                column: "OutcomeKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Visits_SeriesId",
                table: "Visits",
                column: "SeriesId");

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeeds_ClerkId",
                table: "CalendarFeeds",
                column: "ClerkId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeeds_TokenHash",
                table: "CalendarFeeds",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalendarFeeds");

            migrationBuilder.DropIndex(
                name: "IX_Visits_OutcomeKey",
                table: "Visits");

            migrationBuilder.DropIndex(
                name: "IX_Visits_SeriesId",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "AnotherVisitNeeded",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "NextStep",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "NotHeldReason",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "OutcomeAt",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "OutcomeBy",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "OutcomeChannel",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "OutcomeKey",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "OutcomeNote",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "OutcomeReference",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "SeriesId",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "TravelBufferMinutes",
                table: "Municipalities");
        }
    }
}
