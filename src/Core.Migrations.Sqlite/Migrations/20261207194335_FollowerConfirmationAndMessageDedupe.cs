using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilnyUrzednik.Core.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FollowerConfirmationAndMessageDedupe : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AwaitingConfirmation",
                table: "Subscriptions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "ConfirmedAt",
                table: "Subscriptions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemovalToken",
                table: "Subscriptions",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignUpKey",
                table: "Subscriptions",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DedupeKey",
                table: "Outbox",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_Address_CreatedAt",
                table: "Subscriptions",
                columns: new[] { "Address", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_RemovalToken",
                table: "Subscriptions",
                column: "RemovalToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_SignUpKey",
                table: "Subscriptions",
                column: "SignUpKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_DedupeKey",
                table: "Outbox",
                column: "DedupeKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_Address_CreatedAt",
                table: "Subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_RemovalToken",
                table: "Subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_SignUpKey",
                table: "Subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_DedupeKey",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "AwaitingConfirmation",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "ConfirmedAt",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "RemovalToken",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "SignUpKey",
                table: "Subscriptions");

            migrationBuilder.DropColumn(
                name: "DedupeKey",
                table: "Outbox");
        }
    }
}
