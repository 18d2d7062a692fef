// The terminal driver: hang-up of the pty, control characters, and reads from the
// terminal (foreground, background, after a hang-up).

extension World {
  /// The last descriptor of the pty master closes (window closed, SSH dropped, or the
  /// terminal owner tidying up after the shell left).
  mutating func closeMaster() {
    guard terminal.masterOpen else { return }
    terminal.masterOpen = false
    let wasHungUp = terminal.hungUp
    terminal.hungUp = true
    wakeBlockedReaders(result: profile.blockedReadGetsEIOOnMasterClose ? .eio : .endOfFile)
    guard !wasHungUp else { return }
    guard let session = terminal.session, isLive(session) else {
      note(.terminal(.hungUpWithoutSession), from: .terminal, .ttyMasterClosedAfterExit)
      return
    }
    let foreground = terminal.foregroundGroup
    if profile.hangupDetachesSession {
      for i in processes.indices where processes[i].sid == session { processes[i].hasControllingTerminal = false }
      if profile.hangupRemembersForegroundGroup { self[session].ttyOldPgrp = foreground }
      terminal.session = nil
      terminal.foregroundGroup = nil
    }
    send(
      .hup, to: session, from: .terminal, sender: nil, rule: .ttyHangupLeader,
      .hangupLeader(keepsTerminal: !profile.hangupDetachesSession))
    if profile.hangupContinuesLeader {
      send(
        .cont, to: session, from: .terminal, sender: nil, rule: .ttyHangupLeader,
        .hangupLeaderContinue(remembered: profile.hangupRemembersForegroundGroup ? foreground : nil))
    }
  }

  /// Readers blocked on the terminal see their read end. A reader stopped by SIGTTIN is
  /// not blocked in the read: it restarts the call when continued and sees the terminal
  /// as it is then.
  mutating func wakeBlockedReaders(result: ReadResult) {
    for i in processes.indices
    where processes[i].activity == .readingTerminal && processes[i].state == .running && processes[i].stdin == .terminal
    {
      processes[i].pendingReadResult = result
      wake(processes[i].pid)
    }
  }

  /// A process other than the shell that is blocked reading the terminal: typed input
  /// goes to it (the first reader to run takes the line), not to the shell.
  func otherTerminalReader() -> Int? {
    guard !terminal.hungUp, !terminal.revoked else { return nil }
    return processes.indices.first { i in
      processes[i].role != .shell && processes[i].isLive && processes[i].state == .running
        && processes[i].activity == .readingTerminal && processes[i].stdin == .terminal
    }.map { processes[$0].pid }
  }

  /// ^C, ^Z or ^\ typed on the terminal: the signal goes to the foreground group.
  mutating func typeControlKey(_ key: ControlKey) {
    note(.user(.pressed(key)), from: .user, .userControlKey)
    let signal: Signal
    switch key {
    case .interrupt: signal = .int
    case .suspend: signal = .tstp
    case .quit: signal = .quit
    case .endOfFile: return
    }
    guard !terminal.hungUp, let fg = terminal.foregroundGroup else { return }
    send(signal, toGroup: fg, from: .terminal, sender: nil, rule: .ttyInterruptChar, .controlKey(key, group: fg))
  }

  // MARK: - The job's program

  /// What a workload process does after its signals were dealt with.
  mutating func continueProgram(_ pid: Int, interruptedByHandler: Bool) {
    guard let slot = index(of: pid), let program = processes[slot].program, program.readsStdin else { return }
    let activity = processes[slot].activity
    if let result = processes[slot].pendingReadResult {
      self[pid].pendingReadResult = nil
      react(pid, to: result, program: program)
      return
    }
    if (activity == .readingTerminal || activity == .restartingRead) && interruptedByHandler {
      react(pid, to: .eintr, program: program)
      return
    }
    if activity == .busy || activity == .readingTerminal || activity == .restartingRead {
      attemptRead(pid)
    }
  }

  /// read(0) as the terminal driver (or /dev/null) answers it.
  mutating func attemptRead(_ pid: Int) {
    guard let program = self[pid].program else { return }
    switch self[pid].stdin {
    case .devNullWriteOnly:
      react(pid, to: .ebadf, program: program, cause: .nohupStdin)
    case .devNull, .file:
      react(pid, to: .endOfFile, program: program, cause: .notTerminal)
    case .pipe:
      if pipes.stdinWriterOpen {
        self[pid].activity = .readingTerminal
        note(
          .terminal(.readWaits(pid: pid, ownTerminal: false, noControllingTerminal: true)), from: .terminal,
          .ttyForegroundRead, about: pid)
      } else {
        react(pid, to: .endOfFile, program: program, cause: .pipeClosed, rule: .sshdNoPtyDrop)
      }
    case .otherTerminal:
      self[pid].activity = .readingTerminal
      note(
        .terminal(.readWaits(pid: pid, ownTerminal: true, noControllingTerminal: false)), from: .terminal,
        .ttyForegroundRead,
        about: pid)
    case .terminal:
      if terminal.revoked || terminal.hungUp {
        react(pid, to: .endOfFile, program: program, cause: .hungUp, rule: .ttyHungUpIO)
        return
      }
      let pgid = self[pid].pgid
      let hasTerminal = self[pid].hasControllingTerminal
      let background = hasTerminal && terminal.session == self[pid].sid && terminal.foregroundGroup != pgid
      guard background else {
        self[pid].activity = .readingTerminal
        note(
          .terminal(.readWaits(pid: pid, ownTerminal: false, noControllingTerminal: !hasTerminal)),
          from: .terminal, .ttyForegroundRead, about: pid)
        return
      }
      if self[pid].disposition(of: .ttin) == .ignored {
        react(pid, to: .eio, program: program, cause: .backgroundTTINIgnored, rule: .ttyBackgroundRead)
        return
      }
      if isOrphaned(group: pgid) {
        react(pid, to: .eio, program: program, cause: .backgroundOrphaned, rule: .ttyBackgroundRead)
        return
      }
      self[pid].activity = .restartingRead
      send(
        .ttin, toGroup: pgid, from: .terminal, sender: nil, rule: .ttyBackgroundRead,
        .backgroundRead(reader: pid, group: pgid))
      if self[pid].disposition(of: .ttin) == .caught {
        self[pid].activity = .spinningOnTTIN
      }
    }
  }

  /// The program's reaction to what read(0) returned.
  private mutating func react(
    _ pid: Int, to result: ReadResult, program: Program, cause: ReadCause? = nil,
    rule: RuleID = .progReadResult
  ) {
    let reaction: Program.ReadReaction
    switch result {
    case .endOfFile: reaction = program.onEndOfFile
    case .eio, .ebadf: reaction = program.onReadError
    case .eintr: reaction = program.onInterruptedRead
    }
    switch reaction {
    case .retry where result == .eintr:
      note(
        .terminal(.readReturned(pid: pid, result: result, cause: cause, reaction: .readsAgain)), from: .kernel, rule,
        about: pid)
      self[pid].activity = .busy
      attemptRead(pid)
    case .retry:
      note(
        .terminal(.readReturned(pid: pid, result: result, cause: cause, reaction: .keepsGettingIt)), from: .kernel,
        rule, about: pid)
      self[pid].activity = .doneReading
    case .exit(let status):
      note(
        .terminal(.readReturned(pid: pid, result: result, cause: cause, reaction: .exits(status: status))),
        from: .kernel, rule, about: pid)
      exitProcess(pid, fate: .exited(status: status))
    }
  }

  /// Every live program that writes now makes its next write: to a hung-up terminal it
  /// fails with EIO, to a pipe nobody reads it gets SIGPIPE (or EPIPE); a failed write
  /// makes it exit with status 1.
  mutating func programsWrite() {
    let writers = processes.indices.filter { i in
      processes[i].isLive && processes[i].state == .running && processes[i].program?.writes == true
    }.map { processes[$0].pid }
    for pid in writers where isLive(pid) {
      switch self[pid].stdout {
      case .terminal where terminal.hungUp || terminal.revoked:
        note(.program(.writes(pid: pid, result: .eio)), from: .kernel, .progWrite, about: pid)
        exitProcess(pid, fate: .exited(status: 1))
      case .pipe where !pipes.outputReaderOpen:
        if self[pid].disposition(of: .pipe) == .default {
          note(.program(.writes(pid: pid, result: .sigpipe)), from: .kernel, .progWrite, about: pid)
          send(.pipe, to: pid, from: .kernel, sender: pid, rule: .progWrite, .brokenPipe)
        } else {
          if self[pid].disposition(of: .pipe) == .caught {
            // The kernel queues SIGPIPE for the writer; its handler runs on the way back
            // to user space, before the program sees the write fail with EPIPE.
            send(.pipe, to: pid, from: .kernel, sender: pid, rule: .progWrite, .brokenPipe)
            deliverPending(pid)
          }
          note(.program(.writes(pid: pid, result: .epipe)), from: .kernel, .progWrite, about: pid)
          if isLive(pid) { exitProcess(pid, fate: .exited(status: 1)) }
        }
      default:
        break
      }
      settle()
    }
  }
}
