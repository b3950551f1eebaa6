import { defineMessages } from "../define.ts";

/** The shell's workspace switcher and the demo banner. */
export const workspaceMessages = defineMessages(
  {
    "switcher.label": "Workspace",
    "switcher.failed": "Could not switch workspaces: {message}",
    "switcher.option": "{name} ({role})",
    "demo.badge": "Demo",
    "demo.note": "You are looking at demo data.",
    "demo.leave": "Go to my workspace",
    "role.owner": "owner",
    "role.admin": "administrator",
    "role.member": "member",
    "role.viewer": "viewer",
  },
  {
    "switcher.label": "ワークスペース",
    "switcher.failed": "ワークスペースを切り替えられませんでした：{message}",
    "switcher.option": "{name}（{role}）",
    "demo.badge": "デモ",
    "demo.note": "デモデータを表示しています。",
    "demo.leave": "自分のワークスペースへ",
    "role.owner": "オーナー",
    "role.admin": "管理者",
    "role.member": "メンバー",
    "role.viewer": "閲覧者",
  },
);
