package org.vaelab.experiments.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit tag from a checkout's .git, read without git: a plain checkout and a linked worktree. */
class SourceInfoTest {
  private static final String MAIN = "1111111111111111111111111111111111111111";
  private static final String DETACHED = "2222222222222222222222222222222222222222";
  private static final String BRANCH = "3333333333333333333333333333333333333333";

  @TempDir Path tmp;

  @Test
  void readsACheckoutAndItsLinkedWorktrees() throws IOException {
    Path repo = tmp.resolve("repo");
    Path git = Files.createDirectories(repo.resolve(".git"));
    Files.writeString(git.resolve("HEAD"), "ref: refs/heads/main\n");
    Files.createDirectories(git.resolve("refs/heads"));
    Files.writeString(git.resolve("refs/heads/main"), MAIN + "\n");
    Files.writeString(git.resolve("packed-refs"), "# pack-refs with: peeled\n" + BRANCH + " refs/heads/topic\n");
    assertEquals(Optional.of(MAIN), SourceInfo.gitCommit(Files.createDirectories(repo.resolve("sub/dir"))));

    Path detached = worktree(git, "wt1", DETACHED);
    assertEquals(Optional.of(DETACHED), SourceInfo.gitCommit(detached), "a detached worktree: HEAD is the hash");
    Path onBranch = worktree(git, "wt2", "ref: refs/heads/topic");
    assertEquals(Optional.of(BRANCH), SourceInfo.gitCommit(onBranch), "a worktree on a branch: the common dir's refs");
    assertEquals(Optional.empty(), SourceInfo.gitCommit(Files.createDirectories(tmp.resolve("elsewhere"))));
  }

  private Path worktree(Path commonGit, String name, String head) throws IOException {
    Path gitDir = Files.createDirectories(commonGit.resolve("worktrees").resolve(name));
    Files.writeString(gitDir.resolve("HEAD"), head + "\n");
    Files.writeString(gitDir.resolve("commondir"), "../..\n");
    Path dir = Files.createDirectories(tmp.resolve(name));
    Files.writeString(dir.resolve(".git"), "gitdir: " + gitDir + "\n");
    return dir;
  }
}
