/** @type {import('tailwindcss').Config} */
export default {
  content: ["./app/**/*.{ts,tsx}"],
  theme: {
    extend: {
      fontFamily: {
        sans: ['"Noto Sans CJK SC"', '"PingFang SC"', '"Microsoft YaHei"', '"Source Han Sans SC"', "system-ui", "sans-serif"],
      },
      colors: {
        brand: { 50: "#eff6ff", 100: "#dbeafe", 600: "#1d4ed8", 700: "#1e40af", 800: "#1e3a8a" },
      },
    },
  },
  plugins: [],
};
