using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MobilnyUrzednik.Core.Data.Postgres.Migrations
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ConfirmedAt",
                table: "Subscriptions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemovalToken",
                table: "Subscriptions",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignUpKey",
                table: "Subscriptions",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DedupeKey",
                table: "Outbox",
                type: "character varying(100)",
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
