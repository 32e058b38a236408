import { data } from "react-router";

export async function loader() {
  throw data({ message: "您访问的页面不存在。" }, { status: 404 });
}

export async function action() {
  throw data({ message: "您访问的页面不存在。" }, { status: 404 });
}

export default function NotFound() {
  return null;
}
