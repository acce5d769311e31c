/**
 * What the subcommands are built from: the options they share (where the server is, the scope, the
 * state to analyse), the files they read, the admin client, and how a command ends (exit codes and
 * failures). The root package wires the subcommands together and depends on this one, never the reverse.
 */
package dev.backlane.cli.common;
