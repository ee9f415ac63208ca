using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilnyUrzednik.Core.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Municipalities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameLocative = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OfficeName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OfficeAddress = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    PhoneHours = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CoordinatorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WebsiteUrl = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    DataProtectionOfficerEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    StatementPublishedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StatementUpdatedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StatementPreparedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AccessibilityContactName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BuildingAccessibility = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Municipalities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RequestDrafts",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AnswersJson = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedRequestId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestDrafts", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "Services",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    IsRetired = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsOther = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Services", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChecklistItem",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ServiceId = table.Column<int>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChecklistItem", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChecklistItem_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VisitRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TrackingCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    SubmissionKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LivesInMunicipality = table.Column<bool>(type: "INTEGER", nullable: false),
                    EligibilityReason = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ServiceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ResidentName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ResidentPhone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Street = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    Town = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    SubmitterRelation = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SubmitterName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    SubmitterPhone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ResidentConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    ContactChannel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    NeedsSignLanguage = table.Column<bool>(type: "INTEGER", nullable: false),
                    NeedsCallBeforeVisit = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessNotes = table.Column<string>(type: "TEXT", maxLength: 1200, nullable: true),
                    EarliestDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PartOfDay = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VisitRequests_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RequestHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VisitRequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PublicNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RequestHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RequestHistory_VisitRequests_VisitRequestId",
                        column: x => x.VisitRequestId,
                        principalTable: "VisitRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChecklistItem_ServiceId",
                table: "ChecklistItem",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_RequestDrafts_UpdatedAt",
                table: "RequestDrafts",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_RequestHistory_VisitRequestId_At",
                table: "RequestHistory",
                columns: new[] { "VisitRequestId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Services_Slug",
                table: "Services",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VisitRequests_ServiceId",
                table: "VisitRequests",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitRequests_Status_CreatedAt",
                table: "VisitRequests",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitRequests_SubmissionKey",
                table: "VisitRequests",
                column: "SubmissionKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VisitRequests_TrackingCode",
                table: "VisitRequests",
                column: "TrackingCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChecklistItem");

            migrationBuilder.DropTable(
                name: "Municipalities");

            migrationBuilder.DropTable(
                name: "RequestDrafts");

            migrationBuilder.DropTable(
                name: "RequestHistory");

            migrationBuilder.DropTable(
                name: "VisitRequests");

            migrationBuilder.DropTable(
                name: "Services");
        }
    }
}
