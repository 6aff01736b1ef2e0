import gzip, glob, time, sys, statistics, trafilatura
files=sorted(glob.glob(sys.argv[1]+'/*.html.gz'))
times=[]
for f in files:
    html=gzip.open(f).read().decode('utf-8','replace')
    t=time.perf_counter(); trafilatura.extract(html); times.append(time.perf_counter()-t)
print(f"trafilatura: {len(files)} pages, median {statistics.median(times)*1000:.2f} ms/page, total {sum(times):.2f} s")
